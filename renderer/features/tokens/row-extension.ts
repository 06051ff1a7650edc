/**
 * What the app shell may add to each token row without this feature knowing the feature that
 * provides it (features do not import each other): a line under the row's details (e.g. "Used by
 * 2 apps, 1 file"), buttons in its action bar (e.g. Replace), and a sentence for the revoke
 * confirmation (e.g. who loses access).
 */
import type { ReactNode } from 'react';
import type { AuthorizationView } from '../../../shared/domain/authorization.js';

export interface RowExtension {
  /** Shown in the row, below its details; null for nothing. */
  details?(a: AuthorizationView): ReactNode;
  /** Extra buttons in the row's action bar. */
  actions?(a: AuthorizationView): ReactNode;
  /** Extra text in the revoke confirmation; null for none. */
  revokeNote?(a: AuthorizationView): string | null;
}
