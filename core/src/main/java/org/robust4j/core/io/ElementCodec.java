package org.robust4j.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/**
 * How one stored element type becomes a robust4j dtype: the four native ones are copied as they
 * are; narrower types widen without loss (half and bfloat16 to FLOAT32, 8- and 16-bit integers
 * and booleans to INT32, unsigned 32-bit to INT64). Data moves through a small reusable buffer, so
 * reading a tensor needs its destination array and nothing as large again.
 */
enum ElementCodec {
    F32(4, DType.FLOAT32),
    F64(8, DType.FLOAT64),
    I32(4, DType.INT32),
    I64(8, DType.INT64),
    F16(2, DType.FLOAT32),
    BF16(2, DType.FLOAT32),
    I8(1, DType.INT32),
    U8(1, DType.INT32),
    BOOL(1, DType.INT32),
    I16(2, DType.INT32),
    U16(2, DType.INT32),
    U32(4, DType.INT64);

    /** A multiple of every element size, so a chunk never splits an element. */
    private static final int CHUNK_BYTES = 1 << 16;

    private final int bytes;
    private final DType target;

    ElementCodec(int bytes, DType target) {
        this.bytes = bytes;
        this.target = target;
    }

    int bytes() {
        return bytes;
    }

    DType target() {
        return target;
    }

    /** The codec that stores {@code dtype} unchanged. */
    static ElementCodec forDType(DType dtype) {
        switch (dtype) {
            case FLOAT32: return F32;
            case FLOAT64: return F64;
            case INT32: return I32;
            case INT64: return I64;
            default: throw new IllegalArgumentException("no codec for " + dtype);
        }
    }

    /**
     * Reads {@code shape.size()} elements in {@code order} from the channel's current position.
     *
     * @throws FileFormatException naming {@code file} and {@code what} when the data ends early
     */
    HostTensor read(ReadableByteChannel in, Shape shape, ByteOrder order, Path file, String what) throws IOException {
        if (shape.size() > Integer.MAX_VALUE - 8) {
            throw new FileFormatException(file, what + " has shape " + shape + ", too many elements for a Java array");
        }
        HostTensor out = HostTensor.zeros(target, shape);
        int n = out.size();
        long total = (long) n * bytes;
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, Math.max(total, 1))).order(order);
        int done = 0;
        long read = 0;
        while (done < n) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), total - read));
            while (buf.hasRemaining()) {
                if (in.read(buf) < 0) {
                    long got = read + buf.position();
                    throw new FileFormatException(file, what + " is truncated: expected " + total
                            + " bytes of data, found " + got);
                }
            }
            buf.flip();
            int count = buf.remaining() / bytes;
            decode(buf, out.array(), done, count);
            done += count;
            read += (long) count * bytes;
        }
        return out;
    }

    /** Decodes {@code count} elements from {@code buf} into {@code dst[at..]}. */
    private void decode(ByteBuffer buf, Object dst, int at, int count) {
        switch (this) {
            case F32: buf.asFloatBuffer().get((float[]) dst, at, count); break;
            case F64: buf.asDoubleBuffer().get((double[]) dst, at, count); break;
            case I32: buf.asIntBuffer().get((int[]) dst, at, count); break;
            case I64: buf.asLongBuffer().get((long[]) dst, at, count); break;
            case F16: {
                float[] d = (float[]) dst;
                for (int i = 0; i < count; i++) {
                    d[at + i] = halfToFloat(buf.getShort() & 0xFFFF);
                }
                break;
            }
            case BF16: {
                float[] d = (float[]) dst;
                for (int i = 0; i < count; i++) {
                    d[at + i] = Float.intBitsToFloat((buf.getShort() & 0xFFFF) << 16);
                }
                break;
            }
            case I8: {
                int[] d = (int[]) dst;
                for (int i = 0; i < count; i++) {
                    d[at + i] = buf.get();
                }
                break;
            }
            case U8: case BOOL: {
                int[] d = (int[]) dst;
                for (int i = 0; i < count; i++) {
                    d[at + i] = buf.get() & 0xFF;
                }
                break;
            }
            case I16: {
                int[] d = (int[]) dst;
                for (int i = 0; i < count; i++) {
                    d[at + i] = buf.getShort();
                }
                break;
            }
            case U16: {
                int[] d = (int[]) dst;
                for (int i = 0; i < count; i++) {
                    d[at + i] = buf.getShort() & 0xFFFF;
                }
                break;
            }
            case U32: {
                long[] d = (long[]) dst;
                for (int i = 0; i < count; i++) {
                    d[at + i] = buf.getInt() & 0xFFFFFFFFL;
                }
                break;
            }
            default: throw new IllegalStateException("unhandled codec " + this);
        }
    }

    /** Writes a host tensor's values little-endian, in its own dtype, through a small buffer. */
    static void writeLittleEndian(HostTensor t, OutputStream out) throws IOException {
        int n = t.size();
        int width = t.dtype().bytes();
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, Math.max((long) n * width, 1)))
                .order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = buf.capacity() / width;
        for (int from = 0; from < n; from += perChunk) {
            int count = Math.min(perChunk, n - from);
            buf.clear();
            switch (t.dtype()) {
                case FLOAT32: buf.asFloatBuffer().put(t.floats(), from, count); break;
                case FLOAT64: buf.asDoubleBuffer().put(t.doubles(), from, count); break;
                case INT32: buf.asIntBuffer().put(t.ints(), from, count); break;
                case INT64: buf.asLongBuffer().put(t.longs(), from, count); break;
                default: throw new IllegalArgumentException("cannot write dtype " + t.dtype());
            }
            out.write(buf.array(), 0, count * width);
        }
    }

    /** IEEE 754 binary16 to binary32, exactly (every half value is a float), NaN payloads kept. */
    static float halfToFloat(int h) {
        int sign = (h >>> 15) & 1;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0) {
            float v = mant * 0x1p-24f; // zero or subnormal
            return sign == 0 ? v : -v;
        }
        int bits = exp == 0x1F
                ? 0x7F800000 | (mant << 13) // infinity or NaN
                : ((exp - 15 + 127) << 23) | (mant << 13);
        return Float.intBitsToFloat((sign << 31) | bits);
    }
}
