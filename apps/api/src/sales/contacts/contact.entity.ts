import { Column, Entity, PrimaryColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { RecyclableRecord } from '../../access/record-attributes';

@Entity('contacts')
export class ContactEntity extends RecyclableRecord {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('uuid')
  accountId!: string;

  @Column('text')
  name!: string;

  @Column('text', { nullable: true })
  title!: string | null;

  @Column('text', { nullable: true })
  phone!: string | null;

  @Column('text', { nullable: true })
  email!: string | null;

  @Column('text', { nullable: true })
  mobile!: string | null;

  @Column('text', { nullable: true })
  department!: string | null;

  @Column('boolean')
  isPrimary!: boolean;
}
