import { analyticsOperation } from '../../../shared/operations/analytics';
import { followers } from '../../analytics';

export const { description, execute } = analyticsOperation(followers);
