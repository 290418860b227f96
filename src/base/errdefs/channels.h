/* Error codes 1500-1549: delivery through the channels (src/channels).
 * TEMPORARY and PERMANENT tell the outbox what to do next: retry later
 * (channels.h vinn_channel_retry_delay_s), or fail the message with the
 * server's answer as the reason. */
#ifndef VINN_ERRDEFS_CHANNELS_H
#define VINN_ERRDEFS_CHANNELS_H
#define VINN_ERR_MAP_CHANNELS(X)                                                                   \
    X(E_CHANNEL_NOT_CONFIGURED, 1500, 500, "channel is not configured")                            \
    X(E_RECIPIENT_INVALID, 1501, 422, "recipient address or phone number is not valid")            \
    X(E_DELIVERY_TEMPORARY, 1502, 503, "delivery failed for now and is worth a retry")             \
    X(E_DELIVERY_PERMANENT, 1503, 502, "delivery was refused")                                     \
    X(E_CHANNEL_CONFIG_INVALID, 1504, 500, "channel configuration is not valid")                   \
    X(E_MESSAGE_INVALID, 1505, 422, "message cannot be sent as it is")
#endif
