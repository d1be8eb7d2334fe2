import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';

/** The most records one bulk reassignment takes: one transaction that stays short, and a request body that stays small. */
export const MAX_BULK_REASSIGN = 200;

/** Several records of one type to give to one owner: leads, accounts or opportunities. */
export class BulkReassignDto {
  /** At most 200 records, all of which you may reassign (otherwise nothing changes). */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_REASSIGN)
  @IsUUID('all', { each: true })
  ids!: string[];

  /** The new owner, within the teams you may assign to; the team follows the owner. */
  @IsUUID()
  ownerId!: string;
}

export class BulkReassignResultDto {
  /** Records whose owner changed (those already owned by `ownerId` are left as they are). */
  reassigned!: number;
}
