import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AhpModelEntity } from './ahp-model.entity';
import { AhpController } from './ahp.controller';
import { AhpService } from './ahp.service';

/** The Analytic Hierarchy Process (R-ANA-4): stored models and stateless evaluation, maths from @lianxi/analytics. */
@Module({
  imports: [TypeOrmModule.forFeature([AhpModelEntity])],
  controllers: [AhpController],
  providers: [AhpService],
})
export class AhpModule {}
