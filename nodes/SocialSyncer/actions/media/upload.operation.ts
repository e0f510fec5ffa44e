import { mediaUploadOperation } from '../../../shared/operations/mediaUpload.operation';
import { mediaUploadConfig } from '../../dialect';

export const { description, execute } = mediaUploadOperation(mediaUploadConfig);
