package dev.kimpact.xsave;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Memory holding an XSAVE area: {@code bytes} mapped at linear address {@code address}. Instructions may touch
 * only these bytes; an access beyond them is a page fault, as it would be past the end of a mapping.
 */
public final class XsaveArea {

    // Little-endian views of the byte array (no wrapper object per access, unlike ByteBuffer.wrap).
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] bytes;
    private final long address;

    public XsaveArea(byte[] bytes, long address) {
        this.bytes = bytes;
        this.address = address;
    }

    /** A zeroed area of {@code size} bytes at a 64-byte-aligned address. */
    public static XsaveArea allocate(int size) {
        return new XsaveArea(new byte[size], 0x1000);
    }

    public byte[] bytes() {
        return bytes;
    }

    public long address() {
        return address;
    }

    public int length() {
        return bytes.length;
    }

    public long xstateBv() {
        return readLong(Layout.HEADER_OFFSET);
    }

    public long xcompBv() {
        return readLong(Layout.HEADER_OFFSET + 8);
    }

    public void setXstateBv(long v) {
        writeLong(Layout.HEADER_OFFSET, v);
    }

    public void setXcompBv(long v) {
        writeLong(Layout.HEADER_OFFSET + 8, v);
    }

    public long readLong(int offset) {
        return (long) LONG.get(bytes, offset);
    }

    public void writeLong(int offset, long v) {
        LONG.set(bytes, offset, v);
    }

    public int readInt(int offset) {
        return (int) INT.get(bytes, offset);
    }

    public void writeInt(int offset, int v) {
        INT.set(bytes, offset, v);
    }

    /** A copy of {@code length} bytes at {@code offset}. */
    public byte[] slice(int offset, int length) {
        byte[] out = new byte[length];
        System.arraycopy(bytes, offset, out, 0, length);
        return out;
    }

    public XsaveArea copy() {
        return new XsaveArea(bytes.clone(), address);
    }
}
