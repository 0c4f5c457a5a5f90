import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EVERY_ROLE, Roles, VENDOR_WRITERS } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { IdParam } from '../common/id-param';
import { Page } from '../common/pagination';
import { Translator } from '../i18n/translator';
import { CreateVendorDto, UpdateVendorDto, VendorListQuery } from './dto/vendor.dto';
import { toVendorView, VendorView } from './vendor.view';
import { VendorsService } from './vendors.service';

@ApiTags('vendors')
@ApiBearerAuth()
@Controller('api/v1/vendors')
export class VendorsController {
  constructor(
    private readonly vendors: VendorsService,
    private readonly translator: Translator,
  ) {}

  @Roles(...EVERY_ROLE)
  @Get()
  async list(@Query() query: VendorListQuery, @CurrentUser() user: AuthenticatedUser): Promise<Page<VendorView>> {
    const page = await this.vendors.list(query);
    return { ...page, items: page.items.map((vendor) => toVendorView(vendor, user.locale, this.translator)) };
  }

  @Roles(...VENDOR_WRITERS)
  @Post()
  async create(@Body() body: CreateVendorDto, @CurrentUser() user: AuthenticatedUser): Promise<VendorView> {
    return toVendorView(await this.vendors.create(body), user.locale, this.translator);
  }

  @Roles(...EVERY_ROLE)
  @Get(':id')
  async get(@IdParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<VendorView> {
    return toVendorView(await this.vendors.get(id), user.locale, this.translator);
  }

  @Roles(...VENDOR_WRITERS)
  @Patch(':id')
  async update(@IdParam() id: string, @Body() body: UpdateVendorDto, @CurrentUser() user: AuthenticatedUser): Promise<VendorView> {
    return toVendorView(await this.vendors.update(id, body), user.locale, this.translator);
  }

  @Roles(...VENDOR_WRITERS)
  @Delete(':id')
  @HttpCode(204)
  async remove(@IdParam() id: string): Promise<void> {
    await this.vendors.remove(id);
  }
}
