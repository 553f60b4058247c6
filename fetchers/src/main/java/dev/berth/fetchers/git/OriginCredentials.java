package dev.berth.fetchers.git;

import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * A user name and password that JGit gets only for the configured origin. JGit asks again with the URL it was
 * redirected to when that server answers 401; the answer is then no, and the guard remembers why.
 */
final class OriginCredentials extends UsernamePasswordCredentialsProvider {
    private final OriginGuard guard;

    OriginCredentials(String username, String password, OriginGuard guard) {
        super(username, password);
        this.guard = guard;
    }

    @Override
    public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
        if (!guard.allows(uri)) {
            guard.refuse(uri);
            return false;
        }
        return super.get(uri, items);
    }
}
