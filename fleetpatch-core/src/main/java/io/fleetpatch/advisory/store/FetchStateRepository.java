package io.fleetpatch.advisory.store;

import java.util.Optional;

/** The HTTP validators of fetched feed URLs (sync's conditional GET). */
public interface FetchStateRepository {
  Optional<FetchState> find(String url);

  /** Inserts or replaces the state of {@code state.url()}. */
  void save(FetchState state);
}
