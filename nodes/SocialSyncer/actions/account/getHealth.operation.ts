import { accountGetHealthOperation } from '../../../shared/operations/accountGetHealth.operation';

// SocialSyncerAPI's health list (dialect.accountListing.healthPath) says which accounts need reconnecting.
export const { description, execute } = accountGetHealthOperation();
