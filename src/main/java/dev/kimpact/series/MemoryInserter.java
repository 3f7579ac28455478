package dev.kimpact.series;

import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PackParser;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An ObjectInserter that keeps what it is given in memory and never touches the repository: the objects a
 * merge creates (merged blobs, trees, the virtual base commits of a criss-cross merge) live here for the
 * duration of one merge, and its readers see them on top of the repository's objects. ECOSYSTEM.md §3: a clean
 * in-core JGit merge otherwise writes its result tree into the object database. A {@link #layer()} keeps its own
 * objects on top of another inserter's (a merge with the commits of a mailed series, {@link AppliedMbox}).
 */
final class MemoryInserter extends ObjectInserter {

    /** Where the objects under this inserter's are read: the repository, or a lower in-memory layer. */
    private final Supplier<ObjectReader> below;
    private final Map<ObjectId, ObjectLoader> objects = new HashMap<>();

    MemoryInserter(Repository repo) {
        this(repo::newObjectReader);
    }

    private MemoryInserter(Supplier<ObjectReader> below) {
        this.below = below;
    }

    /** A new in-memory inserter whose readers see its own objects over this one's (and the repository's). */
    MemoryInserter layer() {
        return new MemoryInserter(this::newReader);
    }

    /** How many objects were created (and kept away from the repository). */
    int size() {
        return objects.size();
    }

    @Override
    public ObjectId insert(int type, byte[] data, int off, int len) {
        byte[] copy = new byte[len];
        System.arraycopy(data, off, copy, 0, len);
        ObjectId id = idFor(type, copy);
        objects.putIfAbsent(id, new ObjectLoader.SmallObject(type, copy));
        return id;
    }

    @Override
    public ObjectId insert(int type, long length, InputStream in) throws IOException {
        if (length > Integer.MAX_VALUE - 16) {
            throw new IOException("object of " + length + " bytes too large for an in-memory merge");
        }
        byte[] data = in.readNBytes((int) length);
        if (data.length != length) {
            throw new IOException("short object stream: " + data.length + " of " + length + " bytes");
        }
        return insert(type, data, 0, data.length);
    }

    @Override
    public PackParser newPackParser(InputStream in) {
        throw new UnsupportedOperationException("an in-memory inserter does not parse packs");
    }

    @Override
    public ObjectReader newReader() {
        return new Overlay(below.get());
    }

    @Override
    public void flush() {
        // nothing to write, by design
    }

    @Override
    public void close() {
        // nothing to release
    }

    /** The repository's objects with this inserter's objects on top. */
    private final class Overlay extends ObjectReader.Filter {
        private final ObjectReader delegate;

        Overlay(ObjectReader delegate) {
            this.delegate = delegate;
        }

        @Override
        protected ObjectReader delegate() {
            return delegate;
        }

        @Override
        public ObjectReader newReader() {
            return new Overlay(delegate.newReader());
        }

        @Override
        public ObjectInserter getCreatedFromInserter() {
            return MemoryInserter.this;
        }

        @Override
        public ObjectLoader open(AnyObjectId id, int typeHint) throws IOException {
            ObjectLoader mine = objects.get(id);
            if (mine == null) {
                return delegate.open(id, typeHint);
            }
            if (typeHint != OBJ_ANY && mine.getType() != typeHint) {
                throw new IncorrectObjectTypeException(id.copy(), typeHint);
            }
            return mine;
        }

        @Override
        public ObjectLoader open(AnyObjectId id) throws IOException {
            return open(id, OBJ_ANY);
        }

        @Override
        public boolean has(AnyObjectId id) throws IOException {
            return objects.containsKey(id) || delegate.has(id);
        }

        @Override
        public boolean has(AnyObjectId id, int typeHint) throws IOException {
            ObjectLoader mine = objects.get(id);
            if (mine != null) {
                return typeHint == OBJ_ANY || mine.getType() == typeHint;
            }
            return delegate.has(id, typeHint);
        }

        @Override
        public long getObjectSize(AnyObjectId id, int typeHint) throws IOException {
            ObjectLoader mine = objects.get(id);
            if (mine == null) {
                return delegate.getObjectSize(id, typeHint);
            }
            if (typeHint != OBJ_ANY && mine.getType() != typeHint) {
                throw new IncorrectObjectTypeException(id.copy(), typeHint);
            }
            return mine.getSize();
        }

        @Override
        public Collection<ObjectId> resolve(AbbreviatedObjectId abbrev) throws IOException {
            Set<ObjectId> out = new LinkedHashSet<>(delegate.resolve(abbrev));
            for (ObjectId id : objects.keySet()) {
                if (abbrev.prefixCompare(id) == 0) {
                    out.add(id);
                }
            }
            return new ArrayList<>(out);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
