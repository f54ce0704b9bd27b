import Foundation
import TestSupport

/// ../shared holds NIST's OSCAL 1.2.0 XSD for assessment results only (no complete schema, no
/// assessment-plan or catalog XSD), but that XSD defines every type the plan and catalogs are made
/// of (metadata, import-ssp, activities, reviewed controls, subjects, parts, back-matter). This
/// schema includes it and declares the two roots as NIST's assessment-plan and catalog XSDs do,
/// restricted to the children nhi-audit writes but in NIST's order and cardinality (plan:
/// metadata, import-ssp, local-definitions with activity* and remarks?, reviewed-controls,
/// assessment-subject*, back-matter?; catalog: metadata, control+; control: title, prop*, link*,
/// part*, control*), so it accepts nothing NIST's schemas would refuse and everything below the
/// root is checked against NIST's own definitions.
enum OSCALWrapperSchema {
    static func write(into folder: URL, including resultsXSD: URL) throws -> URL {
        let url = folder.appendingPathComponent("oscal-plan-and-catalog.xsd")
        let markupLine =
            #"<xs:complexType mixed="true"><xs:complexContent><xs:extension base="MarkupLineDatatype"/></xs:complexContent></xs:complexType>"#
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <xs:schema xmlns="http://csrc.nist.gov/ns/oscal/1.0" xmlns:xs="http://www.w3.org/2001/XMLSchema"
                       elementFormDefault="qualified" targetNamespace="http://csrc.nist.gov/ns/oscal/1.0">
              <xs:include schemaLocation="\(resultsXSD.absoluteString)"/>
              <xs:element name="assessment-plan">
                <xs:complexType>
                  <xs:sequence>
                    <xs:element name="metadata" type="oscal-metadata-metadata-ASSEMBLY"/>
                    <xs:element name="import-ssp" type="oscal-assessment-common-import-ssp-ASSEMBLY"/>
                    <xs:element name="local-definitions" minOccurs="0">
                      <xs:complexType>
                        <xs:sequence>
                          <xs:element name="activity" type="oscal-assessment-common-activity-ASSEMBLY" minOccurs="0" maxOccurs="unbounded"/>
                          <xs:element name="remarks" minOccurs="0">
                            <xs:complexType><xs:group ref="blockElementGroup" minOccurs="0" maxOccurs="unbounded"/></xs:complexType>
                          </xs:element>
                        </xs:sequence>
                      </xs:complexType>
                    </xs:element>
                    <xs:element name="reviewed-controls" type="oscal-assessment-common-reviewed-controls-ASSEMBLY"/>
                    <xs:element name="assessment-subject" type="oscal-assessment-common-assessment-subject-ASSEMBLY" minOccurs="0" maxOccurs="unbounded"/>
                    <xs:element name="back-matter" type="oscal-metadata-back-matter-ASSEMBLY" minOccurs="0"/>
                  </xs:sequence>
                  <xs:attribute name="uuid" use="required" type="UUIDDatatype"/>
                </xs:complexType>
              </xs:element>
              <xs:element name="catalog">
                <xs:complexType>
                  <xs:sequence>
                    <xs:element name="metadata" type="oscal-metadata-metadata-ASSEMBLY"/>
                    <xs:element ref="control" maxOccurs="unbounded"/>
                  </xs:sequence>
                  <xs:attribute name="uuid" use="required" type="UUIDDatatype"/>
                </xs:complexType>
              </xs:element>
              <xs:element name="control">
                <xs:complexType>
                  <xs:sequence>
                    <xs:element name="title">\(markupLine)</xs:element>
                    <xs:element name="prop" type="oscal-metadata-property-ASSEMBLY" minOccurs="0" maxOccurs="unbounded"/>
                    <xs:element name="link" type="oscal-metadata-link-ASSEMBLY" minOccurs="0" maxOccurs="unbounded"/>
                    <xs:element name="part" type="oscal-control-common-part-ASSEMBLY" minOccurs="0" maxOccurs="unbounded"/>
                    <xs:element ref="control" minOccurs="0" maxOccurs="unbounded"/>
                  </xs:sequence>
                  <xs:attribute name="id" use="required" type="TokenDatatype"/>
                  <xs:attribute name="class" type="TokenDatatype"/>
                </xs:complexType>
              </xs:element>
            </xs:schema>
            """
        try Data(text.utf8).write(to: url)
        return url
    }
}
