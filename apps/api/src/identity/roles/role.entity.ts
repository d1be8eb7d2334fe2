import { Column, Entity, PrimaryColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { RoleKey } from './role-key';

@Entity('roles')
export class RoleEntity {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('text', { unique: true })
  key!: RoleKey;

  @Column('text')
  name!: string;

  @Column('text')
  nameEn!: string;

  @Column('text', { default: '' })
  description!: string;
}
