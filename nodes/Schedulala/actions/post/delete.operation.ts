import { deleteOperation } from '../../../shared/operations/delete.operation';

export const { description, execute } = deleteOperation();
