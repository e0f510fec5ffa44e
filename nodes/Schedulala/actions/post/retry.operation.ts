import { retryOperation } from '../../../shared/operations/retry.operation';
import { retryConfig } from '../../dialect';

export const { description, execute } = retryOperation(retryConfig);
