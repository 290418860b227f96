/* Error codes of src/core: one file per module, numbers in its own block. */
#ifndef VINN_ERRDEFS_CORE_H
#define VINN_ERRDEFS_CORE_H
#include "base/errdefs/money.h"
#include "base/errdefs/date.h"
#include "base/errdefs/refno.h"
#include "base/errdefs/ident.h"
#include "base/errdefs/interest.h"
#include "base/errdefs/ledger.h"
#include "base/errdefs/payments.h"
#include "base/errdefs/dunning.h"
#include "base/errdefs/template.h"
#include "base/errdefs/paycode.h"
#include "base/errdefs/channel.h"
#endif
