import { createOperation } from '../../../shared/operations/create.operation';
import { createConfig } from '../../dialect';

export const { description, execute } = createOperation(createConfig);
