import { accountGetAllOperation } from '../../../shared/operations/accountGetAll.operation';
import { platformOptions } from '../../dialect';

export const { description, execute } = accountGetAllOperation(platformOptions);
