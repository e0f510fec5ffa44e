import { getAllOperation } from '../../../shared/operations/getAll.operation';
import { platformOptions } from '../../dialect';

export const { description, execute } = getAllOperation(platformOptions);
