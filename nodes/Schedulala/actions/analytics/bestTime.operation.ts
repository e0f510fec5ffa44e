import { analyticsOperation } from '../../../shared/operations/analytics';
import { bestTime } from '../../analytics';

export const { description, execute, toolOutputAsIs } = analyticsOperation(bestTime);
