package dev.kimpact.series;

import org.eclipse.jgit.attributes.AttributesNode;
import org.eclipse.jgit.attributes.AttributesNodeProvider;
import org.eclipse.jgit.lib.ObjectDatabase;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.RefDatabase;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The repository as JGit's in-memory {@code PatchApplier} sees it when {@link AppliedMbox} applies a series: its
 * objects are a {@link MemoryInserter}'s over the repository's; it has no directory, no work tree, no refs, an
 * empty configuration and no attributes files.
 * <p>
 * PatchApplier (JGit 7.8, in-core mode) finds each file of the tree it patches with
 * {@code TreeWalk.forPath(repository, path, tree)}, that is through a reader of the Repository it is given, not of
 * the inserter it is given: with the real repository, only the first patch of a series could apply (the second
 * applies to the first's tree, which exists only in memory). The empty configuration also means that no
 * {@code filter.*.clean} command a repository or a patched tree's {@code .gitattributes} names is ever run: a
 * mailed patch is data.
 */
final class OverlayRepository extends Repository {

    private final String identifier;
    private final ObjectDatabase objects;

    OverlayRepository(Repository repo, MemoryInserter inserter) {
        super(new FileRepositoryBuilder().setFS(repo.getFS()));
        this.identifier = "in-memory objects over " + repo.getIdentifier();
        this.objects = new ObjectDatabase() {
            @Override
            public ObjectInserter newInserter() {
                return inserter;
            }

            @Override
            public ObjectReader newReader() {
                return inserter.newReader();
            }

            @Override
            public long getApproximateObjectCount() {
                return -1;
            }

            @Override
            public void close() {
                // the readers it hands out are closed by their users
            }
        };
    }

    @Override
    public void create(boolean bare) {
        throw new UnsupportedOperationException("an in-memory view of a repository is never created on disk");
    }

    @Override
    public String getIdentifier() {
        return identifier;
    }

    @Override
    public ObjectDatabase getObjectDatabase() {
        return objects;
    }

    @Override
    public RefDatabase getRefDatabase() {
        throw new UnsupportedOperationException("an in-memory view of a repository has no refs");
    }

    @Override
    public StoredConfig getConfig() {
        return new StoredConfig() {
            @Override
            public void load() {
                // empty by design
            }

            @Override
            public void save() {
                throw new UnsupportedOperationException("an in-memory view of a repository writes no configuration");
            }
        };
    }

    @Override
    public AttributesNodeProvider createAttributesNodeProvider() {
        return new AttributesNodeProvider() {
            @Override
            public AttributesNode getInfoAttributesNode() {
                return new AttributesNode();
            }

            @Override
            public AttributesNode getGlobalAttributesNode() {
                return new AttributesNode();
            }
        };
    }

    @Override
    public void scanForRepoChanges() {
        // nothing on disk to scan
    }

    @Override
    public void notifyIndexChanged(boolean internal) {
        // there is no index
    }

    @Override
    protected void doClose() {
        // nothing held: the repository it views is closed by its owner
    }
}
