// The phones Switchyard provisions: for each vendor, the models its template was written for,
// how many lines (accounts) the template renders, and the files the phone asks for by name.
// The templates are in xml-templates/provision/ (an operator may override them like the others);
// this catalogue and those files go together, and /device_vendors lists it.

export interface VendorFile {
  /** The file name the phone requests, from its MAC address. */
  name(mac: string): string;
  /** The template that renders it, under xml-templates/provision/. */
  template: string;
  contentType: string;
}

export interface Vendor {
  name: string;
  label: string;
  models: readonly string[];
  /** Lines the template renders (a line numbered higher is refused for a device of the vendor). */
  maxLines: number;
  /** What GET /provision/<mac> serves: the phone's own configuration. */
  main: VendorFile;
  /** Every file name the vendor's phones ask for, the main one included. */
  files: readonly VendorFile[];
}

const XML = 'application/xml; charset=utf-8';

// Yealink: the MAC-oriented CFG file <mac>.cfg (Yealink's auto provisioning guide, "MAC-Oriented
// CFG File"), key = value lines under the #!version:1.0.0.1 header. Up to 16 accounts (T5x).
const yealinkCfg: VendorFile = { name: (mac) => `${mac}.cfg`, template: 'yealink.cfg', contentType: 'text/plain; charset=utf-8' };

// Polycom: the per-phone master configuration file (<mac>.cfg; <mac>.xml is answered the same)
// names the application and the configuration files, here <mac>-phone.cfg with the registrations
// (Polycom's administrator's guide: "Master Configuration Files", "Registration <reg/>").
const polycomPhone: VendorFile = { name: (mac) => `${mac}-phone.cfg`, template: 'polycom-phone.cfg', contentType: XML };
const polycomMaster = (name: (mac: string) => string): VendorFile => ({ name, template: 'polycom-master.cfg', contentType: XML });

// Grandstream: cfg<mac>.xml, <gs_provision> with P-values (Grandstream's XML provisioning guide).
// Account 1 and 2's P-values are the ones its configuration templates document; further accounts
// use other numbers per model, so the template renders two.
const grandstreamXml: VendorFile = { name: (mac) => `cfg${mac}.xml`, template: 'grandstream.xml', contentType: XML };

export const VENDORS: readonly Vendor[] = [
  {
    name: 'yealink',
    label: 'Yealink',
    models: ['t31p', 't33g', 't42u', 't43u', 't46u', 't48u', 't53w', 't54w', 't57w', 't58w'],
    maxLines: 16,
    main: yealinkCfg,
    files: [yealinkCfg],
  },
  {
    name: 'polycom',
    label: 'Polycom',
    models: ['vvx150', 'vvx250', 'vvx350', 'vvx450', 'vvx501', 'vvx601', 'soundpoint-ip-650'],
    maxLines: 34,
    main: polycomPhone,
    files: [polycomMaster((mac) => `${mac}.cfg`), polycomMaster((mac) => `${mac}.xml`), polycomPhone],
  },
  {
    name: 'grandstream',
    label: 'Grandstream',
    models: ['gxp2130', 'gxp2135', 'gxp2140', 'gxp2160', 'gxp2170', 'grp2612', 'grp2614', 'grp2616'],
    maxLines: 2,
    main: grandstreamXml,
    files: [grandstreamXml],
  },
];

export const vendorNamed = (name: string): Vendor | undefined => VENDORS.find((v) => v.name === name);

/** The templates every vendor needs, loaded (and checked) at start. */
export const PROVISION_TEMPLATES = [...new Set(VENDORS.flatMap((v) => v.files.map((f) => f.template)))];
