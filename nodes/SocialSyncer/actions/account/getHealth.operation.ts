import { accountGetHealthOperation } from '../../../shared/operations/accountGetHealth.operation';
import { HEALTH_PATH } from '../../dialect';

export const { description, execute } = accountGetHealthOperation(HEALTH_PATH);
