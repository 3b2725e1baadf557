/** `hardware save` and `hardware delete`: the Hardware page's profile editor, as commands. */
import * as fmt from '../../format';
import { command } from '../command';
import { cliBytes } from '../text';

export const hardwareCommands = [
  command({
    words: ['hardware', 'save'],
    summary: 'Create a hardware profile, or edit one with --id (seeded profiles included)',
    channel: 'hardware.save',
    example: 'hardware save --name "B200 node" --devices 8 --memory 192GB --peak-flops 2.25e15 --utilization 0.4 --price 6',
    flags: {
      id: { kind: 'string', unit: 'id', description: 'The profile to edit (see: hardware list); without it a new profile is created' },
      name: { kind: 'string', unit: 'text', description: 'Profile name', required: true },
      devices: { kind: 'number', unit: 'devices', description: 'Devices in the profile', required: true, field: 'deviceCount' },
      memory: { kind: 'bytes', unit: 'bytes', description: 'Memory per device (192GB, 80GiB or bytes)', required: true, field: 'memoryBytesPerDevice' },
      'peak-flops': { kind: 'number', unit: 'FLOP/s', description: 'Peak dense bf16 FLOP/s per device', required: true, field: 'peakFlopsPerDevice' },
      utilization: { kind: 'number', unit: 'fraction', description: 'Default utilisation (MFU) in (0, 1]', required: true, field: 'defaultUtilization' },
      price: { kind: 'number', unit: '$/device-hour', description: 'Price per device-hour', field: 'pricePerDeviceHour' },
      power: { kind: 'number', unit: 'W/device', description: 'Power per device', field: 'powerWattsPerDevice' },
      source: { kind: 'string', unit: 'text', description: 'Where the figures come from (a datasheet)' },
    },
    format: (p, values) =>
      `Saved hardware profile "${p.name}" [${p.id}]: ${p.deviceCount} × ${fmt.bytes(p.memoryBytesPerDevice, cliBytes(values))}, ${fmt.flops(p.peakFlopsPerDevice)} FLOP/s per device (dense bf16), utilisation ${fmt.percent(p.defaultUtilization)} of peak`,
  }),
  command({
    words: ['hardware', 'delete'],
    summary: 'Delete a hardware profile (scenarios that used it say their inputs changed)',
    channel: 'hardware.delete',
    example: 'hardware delete HARDWARE_ID',
    flags: {},
    positionals: [{ name: 'ID', field: 'id', description: 'the hardware profile id (see: hardware list)' }],
    format: (r) => `Deleted hardware profile ${r.deleted}`,
  }),
];
