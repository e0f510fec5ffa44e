import { getOperation } from '../../../shared/operations/get.operation';

export const { description, execute } = getOperation();
