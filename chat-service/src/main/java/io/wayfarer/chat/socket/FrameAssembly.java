package io.wayfarer.chat.socket;

/**
 * Joins the pieces of one incoming text frame (Tomcat hands over a frame longer than its per-socket
 * buffer in pieces) and enforces the protocol's frame length. Only a connection that is receiving a
 * long frame holds a builder; an idle one holds nothing. Used by one socket's frame handler only.
 */
final class FrameAssembly {

    private final int maxChars;
    private StringBuilder pending;
    private boolean tooLong;

    FrameAssembly(int maxChars) {
        this.maxChars = maxChars;
    }

    /** The whole frame once its last piece is in, else null (also when it is too long: see {@link #tooLong()}). */
    String add(String piece, boolean last) {
        if (tooLong) {
            return null;
        }
        int length = (pending == null ? 0 : pending.length()) + piece.length();
        if (length > maxChars) {
            tooLong = true;
            pending = null;
            return null;
        }
        if (last && pending == null) {
            return piece;
        }
        if (pending == null) {
            pending = new StringBuilder(Math.min(maxChars, piece.length() * 2));
        }
        pending.append(piece);
        if (!last) {
            return null;
        }
        String whole = pending.toString();
        pending = null;
        return whole;
    }

    /** Whether a frame passed the limit: the socket is to be closed (1009). */
    boolean tooLong() {
        return tooLong;
    }
}
