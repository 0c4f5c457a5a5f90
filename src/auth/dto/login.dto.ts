import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin@example.com' })
  @IsString() @MinLength(1) @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString() @MinLength(1) @MaxLength(200)
  password!: string;
}
