/*
 * policy.h - a dunning policy (core/dunning.h) as JSON, the format of
 * `vinn policy set --file` and of the HTTP API (docs/dunning.md).
 *
 * Reading is strict: an unknown member, a wrong type, a value out of range
 * or a duplicate key is an error naming the member ("steps[2].fee"); the
 * policy read passes vinn_policy_validate. Bytes come from outside: never
 * asserted on.
 */
#ifndef VINN_FORMATS_POLICY_H
#define VINN_FORMATS_POLICY_H

#include <jansson.h>
#include <stddef.h>

#include "base/err.h"
#include "core/dunning.h"

/*
 * Read a policy from length bytes of JSON; name, when not NULL or "",
 * overrides the JSON's "name" (without either, NULL gives "unnamed").
 * Errors: VINN_E_BAD_JSON (with line and column), VINN_E_POLICY_INVALID
 * naming the member, the name rules of vinn_policy_validate. *out is
 * unchanged on failure.
 */
VINN_MUST_USE vinn_err vinn_policy_parse_json(const char *text, size_t length, const char *name,
                                              struct vinn_policy *out, struct vinn_error *error);

/* The policy as a JSON object (a new reference; NULL on out of memory);
 * reading it back gives the same policy. */
json_t *vinn_policy_json(const struct vinn_policy *policy);

#endif
