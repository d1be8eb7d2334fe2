import { Global, Module } from '@nestjs/common';
import { AccessExplainController, MyPermissionsController } from './access.controller';
import { AccessService } from './access.service';
import { PolicyAdminController } from './policy-admin.controller';
import { PolicyAdminService } from './policy-admin.service';
import { PolicyService } from './policy.service';

/** The permission engine: global, because every business module reads and writes through it. */
@Global()
@Module({
  controllers: [MyPermissionsController, AccessExplainController, PolicyAdminController],
  providers: [PolicyService, AccessService, PolicyAdminService],
  exports: [AccessService, PolicyService],
})
export class AccessModule {}
