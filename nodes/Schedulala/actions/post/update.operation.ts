import { updateOperation } from '../../../shared/operations/update.operation';
import { updateConfig } from '../../dialect';

export const { description, execute } = updateOperation(updateConfig);
