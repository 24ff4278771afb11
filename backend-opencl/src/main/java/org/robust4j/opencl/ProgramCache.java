package org.robust4j.opencl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Kernel programs built once per backend from the {@code .cl} resources under
 * {@code org/robust4j/opencl/kernels/}, keyed by file and build options (dtype and sizes are
 * {@code -D} options, so one source serves every dtype), and the kernel objects made from them,
 * one per thread (see {@link ClKernel}). Every source is compiled after {@code common.cl}, which
 * holds the type definitions and index helpers all families share.
 *
 * <p>Building is lazy: a program is compiled the first time one of its kernels is launched.
 * Compilers are slow (PoCL takes about a second per program; it keeps the result in
 * {@code POCL_CACHE_DIR} for later runs), so a backend builds each program once and reuses it.
 */
final class ProgramCache implements AutoCloseable {
    private static final String ROOT = "/org/robust4j/opencl/kernels/";

    private final ClContext cl;
    private final Map<String, ClProgram> programs = new ConcurrentHashMap<>();
    private final Map<String, String> sources = new ConcurrentHashMap<>();
    private final ThreadLocal<Map<String, ClKernel>> kernels = ThreadLocal.withInitial(HashMap::new);
    private final ConcurrentLinkedQueue<ClKernel> allKernels = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    ProgramCache(ClContext cl) {
        this.cl = cl;
    }

    /** The calling thread's kernel {@code name} from {@code file} built with {@code options}. */
    ClKernel kernel(String file, String options, String name) {
        String key = file + '\n' + options + '\n' + name;
        Map<String, ClKernel> mine = kernels.get();
        ClKernel k = mine.get(key);
        if (k == null || k.isClosed()) {
            if (closed) {
                throw new IllegalStateException("opencl: the backend was closed");
            }
            k = new ClKernel(cl, program(file, options), name);
            mine.put(key, k);
            allKernels.add(k);
        }
        return k;
    }

    /** The program built from {@code common.cl} and {@code file} with {@code options}, built on first use. */
    ClProgram program(String file, String options) {
        return programs.computeIfAbsent(file + '\n' + options,
                k -> new ClProgram(cl, file, "#line 1 \"common.cl\"\n" + source("common.cl")
                        + "\n#line 1 \"" + file + "\"\n" + source(file), options));
    }

    /** Number of programs built so far. */
    int programCount() {
        return programs.size();
    }

    private String source(String file) {
        return sources.computeIfAbsent(file, f -> {
            try (InputStream in = ProgramCache.class.getResourceAsStream(ROOT + f)) {
                if (in == null) {
                    throw new IllegalStateException("opencl: kernel source " + ROOT + f + " is missing from the class path");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("opencl: cannot read kernel source " + f, e);
            }
        });
    }

    /** Releases every kernel (of every thread), then every program. */
    @Override
    public void close() {
        closed = true;
        ClKernel k;
        while ((k = allKernels.poll()) != null) {
            k.close();
        }
        programs.values().forEach(ClProgram::close);
        programs.clear();
    }
}
