import { retryOperation } from '../../../shared/operations/retry.operation';

// SocialSyncerAPI's retry takes no body: it re-attempts every failed platform.
export const { description, execute } = retryOperation();
