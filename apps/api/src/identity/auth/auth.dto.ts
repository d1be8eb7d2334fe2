import { IsString, MaxLength, MinLength } from 'class-validator';
import { UserDto } from '../users/user.dto';

export class LoginDto {
  /** @example rep.e1@lianxi.test */
  @IsString()
  @MinLength(3)
  @MaxLength(254)
  email!: string;

  /** @example Demo#rep.e1#2026 */
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}

export class TokenResponseDto {
  /** Short-lived JWT for `Authorization: Bearer`. The rotating refresh token travels in an httpOnly cookie. */
  accessToken!: string;
  /** Seconds until the access token expires. */
  expiresIn!: number;
  user!: UserDto;
}

export class ChangePasswordDto {
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword!: string;

  /** 12 to 128 characters, any characters; not a common password, not your email. */
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  newPassword!: string;
}

export class ResetPasswordDto {
  /** The one-time token from the reset email. */
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  token!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  newPassword!: string;
}
