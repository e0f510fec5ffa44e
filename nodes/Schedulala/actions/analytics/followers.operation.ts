import { analyticsOperation } from '../../../shared/operations/analytics';
import { followers } from '../../analytics';

export const { description, execute, toolOutputAsIs } = analyticsOperation(followers);
