import { readFileSync } from 'fs';
import { join } from 'path';

import { SOURCE_SDK } from '../../nodes/SmileId/common/endpoints';
import {
	amlResult,
	businessResult,
	idNumberResult,
} from '../../nodes/SmileId/actions/verification/results';

// The shapes of Smile ID's SDK fixtures (Python id_api test, JS business_verification_response.json, Ruby aml_check_spec).
const kycAnswer = {
	SmileJobID: '0000000324',
	PartnerParams: { job_id: 'j-1', user_id: 'u-1', job_type: 5 },
	ResultType: 'ID Verification',
	ResultText: 'ID Number Validated',
	ResultCode: '1012',
	IsFinalResult: 'true',
	Actions: { Verify_ID_Number: 'Verified', Return_Personal_Info: 'Returned' },
	Country: 'NG',
	IDType: 'PASSPORT',
	IDNumber: 'A00000000',
	ExpirationDate: '2024-02-13',
	FullName: 'DOE LEO JOE',
	DOB: '2000-09-20',
	Photo: '/9j/4AAQSAAAAAD//gASSVJJP/bAEMABAMDAw/wCUUP/Z',
	PhoneNumber: 'Not Available',
	Gender: 'Male',
	Address: 'Not Available',
	FullData: {},
	timestamp: '2023-02-17T16:24:16.835Z',
	signature: '...',
};

describe('the answers of the checks without a camera, in plain names', () => {
	it('Enhanced KYC: the verdict and ID facts; personal data only when asked, "Not Available" left out', () => {
		const plain = idNumberResult(kycAnswer, false);
		expect(plain).toEqual({
			smileJobId: '0000000324',
			verdict: 'approved',
			resultCode: '1012',
			resultText: 'ID Number Validated',
			actions: kycAnswer.Actions,
			idNumberVerified: true,
			country: 'NG',
			idType: 'PASSPORT',
			idExpiry: '2024-02-13',
		});
		expect(JSON.stringify(plain)).not.toMatch(/DOE|2000-09-20|A00000000|9j/);
		expect(idNumberResult(kycAnswer, true)).toMatchObject({
			fullName: 'DOE LEO JOE',
			dateOfBirth: '2000-09-20',
			gender: 'Male',
			idNumber: 'A00000000',
			photo: kycAnswer.Photo,
		});
		expect(idNumberResult(kycAnswer, true)).not.toHaveProperty('phoneNumber');
		expect(idNumberResult({ ResultCode: '9999' }, true)).toEqual({
			smileJobId: null,
			verdict: 'unknown',
			resultCode: '9999',
			resultText: null,
			actions: {},
			idNumberVerified: false,
		});
	});

	it("business: the company always, its people's details only when asked", () => {
		const answer = {
			ResultCode: '1012',
			ResultText: 'Business Verified',
			Actions: { Verify_Business: 'Verified', Return_Business_Info: 'Returned' },
			company_information: {
				legal_name: 'X LTD',
				registration_number: '0000000',
				status: 'ACTIVE',
			},
			directors: [
				{ name: 'Joe Doe Leo', date_of_birth: '2000-09-20', id_number: 'A000000' },
				'junk',
			],
			beneficial_owners: [{ name: 'XYZ Widget Corporation', shareholder_type: 'Corporate' }],
			fiduciaries: [],
		};
		const plain = businessResult(answer, false);
		expect(plain).toMatchObject({
			verdict: 'approved',
			businessVerified: true,
			company: { legalName: 'X LTD', registrationNumber: '0000000', status: 'ACTIVE' },
			directorCount: 1,
			beneficialOwnerCount: 1,
			fiduciaryCount: 0,
		});
		expect(JSON.stringify(plain)).not.toContain('Joe Doe Leo');
		expect(businessResult(answer, true).directors).toEqual([
			{ name: 'Joe Doe Leo', dateOfBirth: '2000-09-20', idNumber: 'A000000' },
		]);
	});

	it('AML: listed, how many, why, without who; the persons only when asked', () => {
		const answer = {
			ResultCode: '1030',
			ResultText: 'Found on list',
			Actions: { Listed: 'Listed' },
			no_of_persons_found: 1,
			people: [
				{
					name: 'John Leo Doe',
					dates_of_birth: ['1984-07-16'],
					sanctions: [
						{ source_details: { source_name: 'Office of Foreign Assets Control (OFAC)' } },
					],
					pep: { pep_level: 1 },
					adverse_media: [{ title: 'Jon Doe angered regulators' }],
					associations: [],
				},
			],
		};
		const plain = amlResult(answer, false);
		expect(plain).toMatchObject({
			verdict: 'rejected',
			listed: true,
			personsFound: 1,
			reasons: [
				{
					sanctions: ['Office of Foreign Assets Control (OFAC)'],
					pepLevel: 1,
					adverseMediaCount: 1,
					associationCount: 0,
				},
			],
		});
		expect(JSON.stringify(plain)).not.toMatch(/John|1984|angered/);
		expect(amlResult(answer, true).people).toEqual([
			expect.objectContaining({ name: 'John Leo Doe', datesOfBirth: ['1984-07-16'] }),
		]);
		expect(amlResult({ Actions: { Listed: 'Not Listed' }, people: [] }, false)).toMatchObject({
			listed: false,
			personsFound: 0,
		});
	});

	it('sends the package version as source_sdk_version', () => {
		const { version } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
			version: string;
		};
		expect(SOURCE_SDK).toEqual({ source_sdk: 'rest_api', source_sdk_version: version });
	});
});
