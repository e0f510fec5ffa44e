import { validateOperation } from '../../../shared/operations/validate.operation';
import { createConfig } from '../../dialect';

export const { description, execute } = validateOperation(createConfig);
