import { analyticsOperation } from '../../../shared/operations/analytics';
import { contentTypes } from '../../analytics';

export const { description, execute, toolOutputAsIs } = analyticsOperation(contentTypes);
