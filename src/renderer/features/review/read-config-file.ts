import { AppError } from '../../../shared/errors';
import { MAX_PROFILE_BYTES } from '../../../shared/profile';
import type { ReviewTarget } from '../../core/app-store';

/** A dropped or chosen file as a review target; refuses one too large before reading it. */
export async function readConfigFile(file: File): Promise<ReviewTarget> {
  if (file.size > MAX_PROFILE_BYTES) {
    throw new AppError('VALIDATION', `${file.name} is ${(file.size / 1_000_000).toFixed(1)} MB: too large to be a config export (limit ${MAX_PROFILE_BYTES / 1_000_000} MB).`, {
      hint: 'Choose a file made with "Export profile"; those are a few kilobytes.',
    });
  }
  return { fileName: file.name, content: await file.text() };
}
