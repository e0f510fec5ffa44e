import { analyticsOperation } from '../../../shared/operations/analytics';
import { refresh } from '../../analytics';

export const { description, execute, toolOutputAsIs } = analyticsOperation(refresh);
