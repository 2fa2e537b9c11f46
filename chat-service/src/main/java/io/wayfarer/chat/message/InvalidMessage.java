package io.wayfarer.chat.message;

/** A message that cannot be stored as sent; {@code code} is the stable error code of the protocol. */
public class InvalidMessage extends RuntimeException {

    private final String code;

    InvalidMessage(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
