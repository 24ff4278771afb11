package org.robust4j.core.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds test fixtures byte by byte, straight from a format's specification, so the files the
 * readers are tested on do not come from our own writers.
 */
final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Bytes build() {
        return new Bytes();
    }

    /** Raw bytes given as hex pairs, spaces ignored: {@code "00 00 80 3f"}. */
    Bytes hex(String hex) {
        String h = hex.replace(" ", "");
        for (int i = 0; i < h.length(); i += 2) {
            out.write(Integer.parseInt(h.substring(i, i + 2), 16));
        }
        return this;
    }

    Bytes ascii(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    Bytes utf8(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** An unsigned little-endian integer of {@code width} bytes. */
    Bytes le(long v, int width) {
        for (int i = 0; i < width; i++) {
            out.write((int) (v >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    Bytes repeat(int b, int count) {
        for (int i = 0; i < count; i++) {
            out.write(b);
        }
        return this;
    }

    Bytes bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    byte[] toArray() {
        return out.toByteArray();
    }

    int size() {
        return out.size();
    }

    /** A safetensors file: the 8-byte length, the header padded with spaces to 8 bytes, then {@code data}. */
    static byte[] safetensors(String headerJson, byte[] data) {
        byte[] json = headerJson.getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        return build().le(padded, 8).bytes(json).repeat(' ', padded - json.length).bytes(data).toArray();
    }
}
