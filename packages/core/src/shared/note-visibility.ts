import { z } from 'zod';

/**
 * Who a free-text note may be disclosed to (開示制限): contacts' notes and the notes of stage and
 * status changes alike. Staff who may read the case's contacts section always see the text; when a
 * record is disclosed to the family or the person (開示), a walled note stays behind its wall. Who
 * sees what is decided in access/access-rules.ts (`noteVisibleTo`, `canReadNote`).
 */
export const noteVisibilitySchema = z.enum(['normal', 'notForFamily', 'notForPerson']);
export type NoteVisibilityValue = z.infer<typeof noteVisibilitySchema>;
