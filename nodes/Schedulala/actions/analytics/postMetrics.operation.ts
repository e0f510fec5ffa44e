import { analyticsOperation } from '../../../shared/operations/analytics';
import { postMetrics } from '../../analytics';

export const { description, execute } = analyticsOperation(postMetrics);
