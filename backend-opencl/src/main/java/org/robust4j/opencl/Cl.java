package org.robust4j.opencl;

import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.jocl.CL;
import org.jocl.CLException;

/**
 * Every OpenCL call of this backend goes through here, so that a failure becomes an
 * {@link OpenClException} naming the call and the code, whether JOCL reports it by throwing
 * (exceptions enabled, as {@link #init()} sets) or by returning a code.
 */
final class Cl {
    private Cl() {}

    /** Loads JOCL's native library and makes it throw on errors; throws a LinkageError without a driver. */
    static void init() {
        CL.setExceptionsEnabled(true);
    }

    /** Runs a call that returns an error code. */
    static void call(String name, IntSupplier call) {
        int code;
        try {
            code = call.getAsInt();
        } catch (CLException e) {
            throw new OpenClException(name, e.getStatus(), null, e);
        }
        check(name, code);
    }

    /** Runs a call that returns an object and reports its error code through {@code err[0]}. */
    static <T> T create(String name, int[] err, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (CLException e) {
            throw new OpenClException(name, e.getStatus(), null, e);
        }
        check(name, err[0]);
        if (result == null) {
            throw new OpenClException(name, err[0], "returned no object", null);
        }
        return result;
    }

    static void check(String name, int code) {
        if (code != CL.CL_SUCCESS) {
            throw new OpenClException(name, code, null, null);
        }
    }

    static String errorName(int code) {
        try {
            return CL.stringFor_errorCode(code);
        } catch (LinkageError e) {
            return "error";
        }
    }
}
