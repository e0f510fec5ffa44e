import { analyticsOperation } from '../../../shared/operations/analytics';
import { postMetrics } from '../../analytics';

export const { description, execute, toolOutputAsIs } = analyticsOperation(postMetrics);
