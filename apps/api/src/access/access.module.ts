import { Global, Module } from '@nestjs/common';
import { AccessExplainController, MyPermissionsController } from './access.controller';
import { AccessService } from './access.service';
import { PolicyService } from './policy.service';

/** The permission engine: global, because every business module reads and writes through it. */
@Global()
@Module({
  controllers: [MyPermissionsController, AccessExplainController],
  providers: [PolicyService, AccessService],
  exports: [AccessService, PolicyService],
})
export class AccessModule {}
