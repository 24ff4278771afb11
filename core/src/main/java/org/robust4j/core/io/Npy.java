package org.robust4j.core.io;

import static org.robust4j.core.util.Checks.checkNotNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/**
 * Reads NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0):
 *
 * <pre>
 * 6 bytes   magic "\x93NUMPY"
 * 2 bytes   version major, minor
 * 2 or 4    header length, little-endian (2 bytes in version 1, 4 in versions 2 and 3)
 * header    a Python dict literal {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), },
 *           Latin-1 (UTF-8 in version 3), padded with spaces and a newline
 * data      the array's elements
 * </pre>
 *
 * Little-endian {@code <f4 <f8 <i4 <i8} load as FLOAT32, FLOAT64, INT32, INT64; {@code <f2} loads
 * as FLOAT32; {@code |u1 |i1 |b1 <i2 <u2} (images, masks, small labels) load as INT32, exactly;
 * {@code <u4} as INT64. Fortran-ordered arrays are transposed on read into row-major order.
 * Big-endian data, structured and object dtypes are rejected with a {@link FileFormatException}.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private Npy() {}

    /** Loads the array onto {@code backend} (created on the calling thread, so it joins its scope). */
    public static Tensor load(Path file, Backend backend) throws IOException {
        checkNotNull(backend, "backend");
        return read(file).toTensor(backend);
    }

    /** Reads the array to the heap. */
    public static HostTensor read(Path file) throws IOException {
        checkNotNull(file, "file");
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such .npy file");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(file, ch, prefix, "the magic and version");
            prefix.flip();
            for (byte m : MAGIC) {
                if (prefix.get() != m) {
                    throw new FileFormatException(file, "not a .npy file: it does not start with \\x93NUMPY");
                }
            }
            int major = prefix.get() & 0xFF;
            int minor = prefix.get() & 0xFF;
            if (major < 1 || major > 3) {
                throw new FileFormatException(file, "unsupported .npy format version " + major + "." + minor
                        + " (robust4j reads 1.0, 2.0 and 3.0)");
            }
            ByteBuffer len = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
            readFully(file, ch, len, "the header length");
            len.flip();
            long headerLength = major == 1 ? len.getShort() & 0xFFFF : len.getInt() & 0xFFFFFFFFL;
            long dataStart = 8 + len.capacity() + headerLength;
            if (dataStart > size) {
                throw new FileFormatException(file, "header length " + headerLength + " runs past the end of the file ("
                        + size + " bytes): truncated");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(file, ch, headerBytes, "the header");
            Charset charset = major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
            NpyHeader header = NpyHeader.parse(file, new String(headerBytes.array(), charset));

            ElementCodec codec = codecFor(file, header.descr());
            Shape shape = shapeOf(file, header.shape());
            long expected = shape.size() * codec.bytes();
            long available = size - dataStart;
            if (available < expected) {
                throw new FileFormatException(file, "truncated: shape " + shape + " of " + header.descr() + " needs "
                        + expected + " bytes of data, the file has " + available);
            }
            if (available > expected) {
                throw new FileFormatException(file, (available - expected) + " unexpected bytes after the data of shape "
                        + shape + " (" + expected + " bytes)");
            }
            if (!header.fortranOrder() || shape.rank() < 2) {
                return codec.read(ch, shape, ByteOrder.LITTLE_ENDIAN, file, "the array");
            }
            // Column-major data is the row-major layout of the reversed shape; transpose it back.
            long[] reversed = new long[shape.rank()];
            for (int i = 0; i < reversed.length; i++) {
                reversed[i] = header.shape()[reversed.length - 1 - i];
            }
            HostTensor columnMajor = codec.read(ch, Shape.of(reversed), ByteOrder.LITTLE_ENDIAN, file, "the array");
            return toRowMajor(columnMajor, shape);
        }
    }

    /** The codec for a NumPy type string such as {@code <f4} or {@code |u1}. */
    private static ElementCodec codecFor(Path file, String descr) {
        if (descr.length() < 3) {
            throw unsupported(file, descr);
        }
        char order = descr.charAt(0);
        String type = descr.substring(1);
        ElementCodec codec;
        switch (type) {
            case "f2": codec = ElementCodec.F16; break;
            case "f4": codec = ElementCodec.F32; break;
            case "f8": codec = ElementCodec.F64; break;
            case "i1": codec = ElementCodec.I8; break;
            case "i2": codec = ElementCodec.I16; break;
            case "i4": codec = ElementCodec.I32; break;
            case "i8": codec = ElementCodec.I64; break;
            case "u1": codec = ElementCodec.U8; break;
            case "u2": codec = ElementCodec.U16; break;
            case "u4": codec = ElementCodec.U32; break;
            case "b1": codec = ElementCodec.BOOL; break;
            default: throw unsupported(file, descr);
        }
        boolean singleByte = codec.bytes() == 1;
        if (order == '<' || (singleByte && (order == '|' || order == '>' || order == '='))) {
            return codec;
        }
        if (order == '>') {
            throw new FileFormatException(file, "big-endian data ('" + descr + "') is not supported; save it"
                    + " little-endian, e.g. with arr.astype('<" + type + "')");
        }
        throw unsupported(file, descr);
    }

    private static FileFormatException unsupported(Path file, String descr) {
        return new FileFormatException(file, "unsupported dtype '" + descr + "' (robust4j reads <f2 <f4 <f8 |i1 <i2 <i4 <i8"
                + " |u1 <u2 <u4 |b1)");
    }

    private static Shape shapeOf(Path file, long[] dims) {
        long n = 1;
        for (long d : dims) {
            if (d > Integer.MAX_VALUE) {
                throw new FileFormatException(file, "dimension " + d + " is larger than robust4j supports");
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new FileFormatException(file, "shape " + java.util.Arrays.toString(dims) + " is too large");
            }
        }
        return Shape.of(dims);
    }

    /** Transposes data stored column-major for {@code shape} into row-major order. */
    private static HostTensor toRowMajor(HostTensor columnMajor, Shape shape) {
        int rank = shape.rank();
        int[] dims = shape.toArray();
        // Column-major strides: the first axis varies fastest.
        long[] fStride = new long[rank];
        long acc = 1;
        for (int k = 0; k < rank; k++) {
            fStride[k] = acc;
            acc *= dims[k];
        }
        int n = columnMajor.size();
        HostTensor out = HostTensor.zeros(columnMajor.dtype(), shape);
        int[] index = new int[rank];
        long src = 0;
        for (int c = 0; c < n; c++) {
            copyElement(columnMajor.array(), (int) src, out.array(), c);
            // Advance the row-major multi-index (last axis fastest), tracking the column-major offset.
            for (int k = rank - 1; k >= 0; k--) {
                index[k]++;
                src += fStride[k];
                if (index[k] < dims[k]) {
                    break;
                }
                src -= fStride[k] * dims[k];
                index[k] = 0;
            }
        }
        return out;
    }

    private static void copyElement(Object from, int i, Object to, int j) {
        if (from instanceof float[] f) {
            ((float[]) to)[j] = f[i];
        } else if (from instanceof double[] d) {
            ((double[]) to)[j] = d[i];
        } else if (from instanceof int[] a) {
            ((int[]) to)[j] = a[i];
        } else {
            ((long[]) to)[j] = ((long[]) from)[i];
        }
    }

    private static void readFully(Path file, FileChannel ch, ByteBuffer buf, String what) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                throw new FileFormatException(file, "truncated while reading " + what
                        + (what.startsWith("the magic") ? " (not a .npy file?)" : ""));
            }
        }
    }
}
