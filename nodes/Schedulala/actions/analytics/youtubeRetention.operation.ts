import { analyticsOperation } from '../../../shared/operations/analytics';
import { youtubeRetention } from '../../analytics';

export const { description, execute, toolOutputAsIs } = analyticsOperation(youtubeRetention);
