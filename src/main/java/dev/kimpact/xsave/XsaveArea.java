package dev.kimpact.xsave;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Memory holding an XSAVE area: {@code bytes} mapped at linear address {@code address}. Instructions may touch
 * only these bytes; an access beyond them is a page fault, as it would be past the end of a mapping.
 */
public final class XsaveArea {

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
        return ByteBuffer.wrap(bytes, offset, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    public void writeLong(int offset, long v) {
        ByteBuffer.wrap(bytes, offset, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(v);
    }

    public int readInt(int offset) {
        return ByteBuffer.wrap(bytes, offset, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    public void writeInt(int offset, int v) {
        ByteBuffer.wrap(bytes, offset, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(v);
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
