import { analyticsOperation } from '../../../shared/operations/analytics';
import { daily } from '../../analytics';

export const { description, execute, toolOutputAsIs } = analyticsOperation(daily);
