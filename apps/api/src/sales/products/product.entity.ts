import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/** A node of the product category tree; `path` is `/<root id>/…/<own id>/`, so a subtree is a prefix match. */
@Entity('product_categories')
export class ProductCategoryEntity {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('uuid', { nullable: true })
  parentId!: string | null;

  @Column('text')
  path!: string;

  @Column('text')
  name!: string;

  @Column('text')
  nameEn!: string;

  @Column('integer')
  position!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}

@Entity('products')
export class ProductEntity {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  /** Trimmed and upper-case; unique. */
  @Column('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('text')
  nameEn!: string;

  @Column('uuid')
  categoryId!: string;

  @Column('text')
  unit!: string;

  @Column('boolean')
  active!: boolean;

  @Column('text', { nullable: true })
  description!: string | null;

  /** numeric(18,2): the driver returns it as a decimal string, and it stays one. */
  @Column('numeric', { precision: 18, scale: 2, nullable: true })
  costPrice!: string | null;

  /** ISO 4217: what costPrice is counted in (converted to each order's currency when a line is priced). */
  @Column('text')
  costCurrency!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
