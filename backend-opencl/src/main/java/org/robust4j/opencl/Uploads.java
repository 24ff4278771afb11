package org.robust4j.opencl;

import static org.jocl.CL.CL_COMPLETE;
import static org.jocl.CL.CL_EVENT_COMMAND_EXECUTION_STATUS;
import static org.jocl.CL.CL_FALSE;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clGetEventInfo;
import static org.jocl.CL.clReleaseEvent;
import static org.jocl.CL.clWaitForEvents;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_event;

/**
 * Copies from the host to the device without waiting. A blocking write would return only once
 * everything enqueued before it has run (the queue is in order), so uploading each batch of a
 * training loop would stall the host until the device drained. Instead the data is copied into a
 * direct (native) buffer that the driver reads later, and the write is enqueued without waiting;
 * the buffer is kept until the write's event reports it complete, then reused for a later upload.
 */
final class Uploads implements AutoCloseable {
    private record Pending(cl_event event, ByteBuffer staging) {
    }

    private final ClContext cl;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    /** Completed staging buffers by capacity (powers of two), for reuse. */
    private final Map<Integer, ArrayDeque<ByteBuffer>> spare = new HashMap<>();
    private long spareBytes;
    private static final long SPARE_LIMIT = 64L << 20;

    Uploads(ClContext cl) {
        this.cl = cl;
    }

    /** A staging buffer of at least {@code bytes}, positioned at 0, limited to {@code bytes}, native byte order. */
    synchronized ByteBuffer staging(int bytes) {
        reclaim();
        int cap = Integer.highestOneBit(Math.max(bytes, 64) - 1) << 1;
        if (cap < 0) {
            cap = bytes;   // over 1 GiB: exact size
        }
        ArrayDeque<ByteBuffer> q = spare.get(cap);
        ByteBuffer b = q == null ? null : q.poll();
        if (b != null) {
            spareBytes -= cap;
        } else {
            b = ByteBuffer.allocateDirect(cap).order(ByteOrder.nativeOrder());
        }
        b.clear().limit(bytes);
        return b;
    }

    /** Enqueues a copy of {@code staged} (from position 0 to its limit) into {@code dst} at {@code offsetBytes}. */
    synchronized void write(ClBuffer dst, long offsetBytes, ByteBuffer staged) {
        dst.checkOpen();
        cl_event event = new cl_event();
        long bytes = staged.limit();
        Cl.call("clEnqueueWriteBuffer", () -> clEnqueueWriteBuffer(cl.queue, dst.mem, CL_FALSE, offsetBytes, bytes,
                Pointer.to(staged), 0, null, event));
        pending.add(new Pending(event, staged));
    }

    /** Releases the events of finished writes and keeps their staging buffers for reuse. */
    private void reclaim() {
        int[] status = new int[1];
        while (!pending.isEmpty()) {
            Pending p = pending.peek();
            Cl.call("clGetEventInfo", () -> clGetEventInfo(p.event, CL_EVENT_COMMAND_EXECUTION_STATUS, Sizeof.cl_int,
                    Pointer.to(status), null));
            if (status[0] != CL_COMPLETE && status[0] >= 0) {
                return;   // the queue is in order: later writes are not done either
            }
            pending.poll();
            finish(p);
        }
    }

    private void finish(Pending p) {
        Cl.call("clReleaseEvent", () -> clReleaseEvent(p.event));
        int cap = p.staging.capacity();
        if (spareBytes + cap <= SPARE_LIMIT) {
            spare.computeIfAbsent(cap, k -> new ArrayDeque<>()).push(p.staging);
            spareBytes += cap;
        }
    }

    /** Waits for every pending write and releases its event. */
    @Override
    public synchronized void close() {
        Pending p;
        while ((p = pending.poll()) != null) {
            cl_event e = p.event;
            try {
                Cl.call("clWaitForEvents", () -> clWaitForEvents(1, new cl_event[] {e}));
            } finally {
                finish(p);
            }
        }
        spare.clear();
        spareBytes = 0;
    }
}
